// The dev inbox `npm start` runs: a mail sent over SMTP with nodemailer shows up in its JSON list and
// on its page (escaped), and its HTML part is served sandboxed.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { REPO_ROOT } from '@tenantry/testing';

interface DevInbox {
  smtpUrl: string;
  inboxUrl: string;
  close(): Promise<unknown>;
}
const { startDevInbox } = createRequire(__filename)(join(REPO_ROOT, 'tools', 'stack', 'dev-inbox.cjs')) as { startDevInbox(options: { smtpPort: number; httpPort: number }): Promise<DevInbox> };

describe('dev inbox', () => {
  it('lists what it receives and serves each mail sandboxed', async () => {
    const inbox = await startDevInbox({ smtpPort: 0, httpPort: 0 });
    try {
      await nodemailer.createTransport(inbox.smtpUrl).sendMail({ from: 'a@x.test', to: 'b@y.test', subject: 'Hi <there>', text: 'hello', html: '<p>hello</p><script>alert(1)</script>', messageId: '<m1@x.test>' });
      const list = (await (await fetch(`${inbox.inboxUrl}/mails`)).json()) as { mails: { n: number; to: string[]; subject: string; messageId: string }[] };
      expect(list.mails).toEqual([expect.objectContaining({ n: 1, to: ['b@y.test'], subject: 'Hi <there>', messageId: '<m1@x.test>' })]);
      const page = await (await fetch(`${inbox.inboxUrl}/`)).text();
      expect(page).toContain('Hi &lt;there&gt;');
      const one = await fetch(`${inbox.inboxUrl}/mails/1`);
      expect(one.headers.get('content-security-policy')).toContain('sandbox');
      expect(await one.text()).toContain('<p>hello</p>');
      expect((await fetch(`${inbox.inboxUrl}/mails/2`)).status).toBe(404);
    } finally {
      await inbox.close();
    }
  });
});
