/** Props of ErrorAlert. */
export interface ErrorAlertProps {
  /** What failed, e.g. "Dokumenten kunde inte hämtas". */
  title: string;
  /** The failure: an ApiError's own message is shown, otherwise the kind of failure. */
  error: unknown;
  /** A way to try again, when there is one. */
  retry?: {
    label: string;
    onClick: () => void;
    /** Kept focusable while disabled (a retry under way), so keyboard focus is not dropped. */
    busy?: boolean;
  };
}
