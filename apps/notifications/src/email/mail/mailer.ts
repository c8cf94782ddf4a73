/** Sending one mail (port): the SMTP implementation is smtp-mailer.ts; a failure says whether it is worth retrying. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** `<…@…>`, derived from the delivery: the same mail sent again carries the same id. */
  messageId: string;
  headers: Record<string, string>;
  /** Files attached (the invoice PDF of an invoice-issued mail). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export class MailSendError extends Error {
  constructor(
    message: string,
    /** 4xx replies and connection failures: try again later. 5xx: never. */
    readonly temporary: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
  }
}

export abstract class Mailer {
  abstract send(mail: OutgoingMail): Promise<void>;
}
