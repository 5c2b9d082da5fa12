/** One event as the timeline shows it: when, who, what, and the reason given with a step. */
export interface TimelineEntry {
  key: string;
  /** The instant as the server sent it (for `<time dateTime>`). */
  at: string;
  who: string;
  what: string;
  reason?: string;
}
