export interface RenderedEmail {
  subject: string;
  /** Plain text part. */
  text: string;
  /** HTML part; every interpolated value is escaped. */
  html: string;
}
