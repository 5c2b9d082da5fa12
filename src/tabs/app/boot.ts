/**
 * Starts a page's app in `#root`. If starting fails, nothing of React may be up: the failure is
 * said plainly, in both languages, where the app would be (`#boot-message` or `#root`), as an
 * alert, and the error goes to the browser's console, the only place it can then be read.
 */
export function startInRoot(
  start: (root: HTMLElement) => Promise<void>,
  failureText: string,
): void {
  const rootElement = document.getElementById('root');
  if (rootElement === null) return;
  start(rootElement).catch((error: unknown) => {
    const message = document.getElementById('boot-message') ?? rootElement;
    message.setAttribute('role', 'alert');
    message.textContent = failureText;
    // eslint-disable-next-line no-console
    console.error(error);
  });
}
