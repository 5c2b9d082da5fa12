/**
 * The three-way merge behind autosave's conflict handling, as pure functions on a form's value.
 *
 * A form's value is a tree of plain objects; every other value (text, choice, date, array) is a
 * leaf compared whole, so a list such as `investigators` is one field and `rootCauses` splits into
 * `rootCauses.communication.applies` and `rootCauses.communication.text`. Values are compared as
 * the server keeps them: it trims text and an empty text, list or object says the same as none,
 * so a trailing space still being typed is not "a change" that collides with someone else's.
 */

/** A plain JSON object (not an array). */
type Tree = Record<string, unknown>;

/** A field changed to different values by me and by someone else since the common base. */
export interface Collision {
  /** Dotted path of the field, e.g. `rootCauses.routines.text`. */
  path: string;
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

/** What merging my form with the server's newer copy gives. */
export interface MergeResult<T> {
  /** Mine where only I changed a field, theirs where only they did; mine where both collide. */
  merged: T;
  /** Fields only someone else changed, now taken into the form. */
  takenFromTheirs: string[];
  /** Fields both changed differently: the user must choose. */
  collisions: Collision[];
}

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value as the server would keep it, for comparing: text trimmed, and empty text, lists and
 * objects (and keys holding nothing) left out.
 */
export function normalise(value: unknown): unknown {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  if (Array.isArray(value)) {
    // Positions matter in a list: an empty element stays as a hole instead of shifting the rest.
    return value.length === 0 ? undefined : value.map((item) => normalise(item) ?? null);
  }
  if (isTree(value)) {
    const entries = Object.entries(value)
      .map(([key, inner]) => [key, normalise(inner)] as const)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value ?? undefined;
}

/** Whether two values say the same once normalised. */
export function sameValue(a: unknown, b: unknown): boolean {
  // normalise sorts keys, so equal trees give equal JSON.
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

/** The value at a dotted path, or undefined. */
export function valueAt(tree: unknown, path: string): unknown {
  let current = tree;
  for (const key of path.split('.')) {
    if (!isTree(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** A copy of `tree` with `value` at the dotted path (objects on the way are created as needed). */
export function withValueAt<T>(tree: T, path: string, value: unknown): T {
  const [key, ...rest] = path.split('.');
  if (key === undefined) return tree;
  const source: Tree = isTree(tree) ? tree : {};
  const inner = rest.length === 0 ? value : withValueAt(source[key], rest.join('.'), value);
  const copy: Tree = Object.fromEntries(Object.entries(source).filter(([name]) => name !== key));
  if (inner !== undefined) copy[key] = inner;
  return copy as T;
}

/**
 * A copy without empty text and without objects left empty: what a form sends. Text is not
 * trimmed (the server trims), so the user's text is never changed under their cursor.
 */
export function withoutEmpty<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => withoutEmpty(item)) as T;
  if (!isTree(value)) return value;
  const copy: Tree = {};
  for (const [key, inner] of Object.entries(value)) {
    const cleaned = withoutEmpty(inner);
    if (cleaned === undefined || cleaned === '') continue;
    if (isTree(cleaned) && Object.keys(cleaned).length === 0) continue;
    copy[key] = cleaned;
  }
  return copy as T;
}

function mergeAt(
  path: string,
  base: unknown,
  mine: unknown,
  theirs: unknown,
  result: { takenFromTheirs: string[]; collisions: Collision[] },
): unknown {
  const values = [base, mine, theirs];
  if (values.some(isTree) && values.every((value) => value === undefined || isTree(value))) {
    const keys = new Set(values.flatMap((value) => (isTree(value) ? Object.keys(value) : [])));
    const merged: Tree = {};
    for (const key of keys) {
      const inner = mergeAt(
        path === '' ? key : `${path}.${key}`,
        valueAt(base, key),
        valueAt(mine, key),
        valueAt(theirs, key),
        result,
      );
      if (inner !== undefined) merged[key] = inner;
    }
    return Object.keys(merged).length === 0 && !isTree(mine) ? undefined : merged;
  }
  if (sameValue(mine, base)) {
    // Only they changed it (or nobody did): theirs, and say so if it really changed.
    if (!sameValue(theirs, base)) result.takenFromTheirs.push(path);
    return theirs;
  }
  if (sameValue(theirs, base) || sameValue(mine, theirs)) return mine;
  result.collisions.push({ path, base, mine, theirs });
  // Mine stays in the form until the user chooses: their own text is what they are looking at.
  return mine;
}

/**
 * Merges my form (`mine`) with the server's newer copy (`theirs`), both descended from `base`,
 * field by field (see the module comment for what a field is).
 */
export function mergeThreeWay<T>(base: T, mine: T, theirs: T): MergeResult<T> {
  const result = { takenFromTheirs: [] as string[], collisions: [] as Collision[] };
  const merged = mergeAt('', base, mine, theirs, result) ?? {};
  return { merged: merged as T, ...result };
}

/** The dotted paths of the fields (as the merge splits them) where `a` and `b` differ. */
export function changedPaths(a: unknown, b: unknown, path = ''): string[] {
  if (
    (isTree(a) || isTree(b)) &&
    (a === undefined || isTree(a)) &&
    (b === undefined || isTree(b))
  ) {
    const keys = new Set([
      ...(isTree(a) ? Object.keys(a) : []),
      ...(isTree(b) ? Object.keys(b) : []),
    ]);
    return [...keys].flatMap((key) =>
      changedPaths(valueAt(a, key), valueAt(b, key), path === '' ? key : `${path}.${key}`),
    );
  }
  return sameValue(a, b) ? [] : [path];
}
