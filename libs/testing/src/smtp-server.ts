// A real SMTP server in a test process (smtp-server), every accepted mail parsed with mailparser.
// `script(address, replies)` makes the server answer RCPT TO for that recipient with the given codes
// in turn (e.g. [451, 451] then accepting; [550] forever when `repeatLast`).
import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  messageId: string;
  subject: string;
  html: string;
  text: string;
  headers: Map<string, unknown>;
  /** Header lines as sent, by lower-case name (mailparser folds the List-* headers into one structure). */
  header(name: string): string | undefined;
  raw: ParsedMail;
}

function rawHeader(parsed: ParsedMail, name: string): string | undefined {
  const line = parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line === undefined ? undefined : line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

/** The `href`s of an HTML body, entities decoded as a browser does. */
export function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => (m[1] ?? '').replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16))).replace(/&amp;/g, '&'));
}

export class TestSmtpServer {
  readonly mails: ReceivedMail[] = [];
  readonly refusals: { to: string; code: number }[] = [];
  /** Connection errors (a client killed mid-conversation resets its socket): kept, never thrown. */
  readonly connectionErrors: Error[] = [];
  private readonly scripts = new Map<string, { replies: number[]; repeatLast: boolean }>();
  private server?: SMTPServer;
  port = 0;
  /** Milliseconds each accepted mail takes (to widen a crash window). */
  delayMs = 0;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const to = address.address.toLowerCase();
        const script = this.scripts.get(to);
        const code = script && (script.repeatLast && script.replies.length === 1 ? script.replies[0] : script.replies.shift());
        if (code !== undefined) {
          this.refusals.push({ to, code });
          return callback(Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: code }));
        }
        callback();
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then(async (parsed) => {
            if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
            for (const rcpt of session.envelope.rcptTo) {
              this.mails.push({ to: rcpt.address.toLowerCase(), messageId: parsed.messageId ?? '', subject: parsed.subject ?? '', html: typeof parsed.html === 'string' ? parsed.html : '', text: parsed.text ?? '', headers: parsed.headers, header: (name) => rawHeader(parsed, name), raw: parsed });
            }
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    this.server.on('error', (error: Error) => this.connectionErrors.push(error));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    this.port = ((this.server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  script(address: string, replies: number[], repeatLast = false): void {
    this.scripts.set(address.toLowerCase(), { replies: [...replies], repeatLast });
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to === address.toLowerCase());
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
