/**
 * The kinds and limits of attachments: plain data, so the tab can tell the user before uploading
 * what the server (src/core/attachments.ts, which checks the bytes) will accept.
 */

/** The accepted kinds of file, by extension, with the media type they are stored under. */
export const attachmentTypes = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  heic: 'image/heic',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain',
} as const;
/** An accepted extension. */
export type AttachmentExtension = keyof typeof attachmentTypes;

/** Limits per report; the bot's texts promise exactly these. */
export const attachmentRules = {
  maxFileBytes: 10 * 1024 * 1024,
  maxFiles: 10,
  maxNameLength: 200,
} as const;
