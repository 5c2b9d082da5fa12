/** Props of ProtectedMark. */
export interface ProtectedMarkProps {
  /** `small` in table rows, `medium` on a case's page. */
  size?: 'small' | 'medium';
}
