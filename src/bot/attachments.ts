import type { Activity } from 'botbuilder';

/**
 * Files a user sends to the bot in a personal chat. Teams delivers a file as a small
 * `file.download.info` attachment with a short-lived, pre-authorised download URL, and an inline
 * image as a `contentUrl` that needs the bot's own token; every message also carries a
 * `text/html` copy of its text, which is not a file.
 */

/** A file to fetch. */
export interface IncomingFile {
  name: string;
  url: string;
  /** Whether the URL wants the bot's token (inline images), as opposed to a pre-authorised link. */
  needsBotToken: boolean;
}

const teamsFileInfo = 'application/vnd.microsoft.teams.file.download.info';

function extensionOf(contentType: string): string {
  const subtype = contentType.split('/')[1]?.split(';')[0] ?? 'bin';
  return subtype === 'jpeg' ? 'jpg' : subtype;
}

/** The files in a message (cards, the HTML copy of the text and the like are not files). */
export function incomingFiles(activity: Partial<Activity>): IncomingFile[] {
  return (activity.attachments ?? []).flatMap((attachment, index): IncomingFile[] => {
    const contentType = attachment.contentType;
    if (contentType === teamsFileInfo) {
      const content = attachment.content as { downloadUrl?: unknown } | undefined;
      const url = content?.downloadUrl;
      return typeof url === 'string'
        ? [{ name: attachment.name ?? `fil-${String(index + 1)}`, url, needsBotToken: false }]
        : [];
    }
    if (contentType.startsWith('application/vnd.microsoft.card.') || contentType === 'text/html')
      return [];
    if (typeof attachment.contentUrl !== 'string' || attachment.contentUrl === '') return [];
    const name = attachment.name ?? `bild-${String(index + 1)}.${extensionOf(contentType)}`;
    return [{ name, url: attachment.contentUrl, needsBotToken: true }];
  });
}

/** Hosts the bot's token may be sent to: Microsoft's own bot and Teams services, nothing else. */
export function mayCarryBotToken(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  const host = hostname.toLowerCase();
  return (
    protocol === 'https:' &&
    ['.botframework.com', '.trafficmanager.net', '.skype.com', '.teams.microsoft.com'].some(
      (suffix) => host.endsWith(suffix),
    )
  );
}

/** What a download gave. */
export type DownloadResult =
  { ok: true; content: Uint8Array } | { ok: false; reason: 'tooBig' | 'failed' };

/**
 * Fetches a file, reading at most `maxBytes` (a bigger one is abandoned, not read to the end).
 * The token, when given, is sent only to Microsoft hosts.
 */
export async function downloadFile(
  file: IncomingFile,
  options: {
    maxBytes: number;
    token?: string | undefined;
    fetchImpl?: typeof fetch;
    timeoutMs?: number;
  },
): Promise<DownloadResult> {
  const headers: Record<string, string> = {};
  if (file.needsBotToken && options.token && mayCarryBotToken(file.url)) {
    headers.authorization = `Bearer ${options.token}`;
  }
  const response = await (options.fetchImpl ?? fetch)(file.url, {
    headers,
    redirect: 'follow',
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  if (!response.ok || response.body === null) return { ok: false, reason: 'failed' };
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > options.maxBytes) {
    await response.body.cancel();
    return { ok: false, reason: 'tooBig' };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    const bytes = chunk as Uint8Array;
    total += bytes.byteLength;
    if (total > options.maxBytes) return { ok: false, reason: 'tooBig' };
    chunks.push(bytes);
  }
  const content = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    content.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, content };
}
