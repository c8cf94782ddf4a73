// The local mail inbox `npm start` runs so a newcomer sees every mail the suite sends: an SMTP server
// (smtp-server, on DEV_SMTP_PORT, default 1025) keeping the last 500 mails in memory (parsed with
// mailparser), and a small web page on DEV_INBOX_PORT (default 1080): `/` lists them, `/mails` is
// the same as JSON, `/mails/<n>` shows one mail's HTML part. Both listen on 127.0.0.1 only; local
// use only (docker compose uses the maildev image instead).
'use strict';
const http = require('node:http');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

const MAX_MAILS = 500;

const escape = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Starts both servers; resolves to { smtpUrl, inboxUrl, mails, close() }. */
async function startDevInbox({ smtpPort = 1025, httpPort = 1080, host = '127.0.0.1' } = {}) {
  const mails = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            n: mails.length === 0 ? 1 : mails[mails.length - 1].n + 1,
            receivedAt: new Date().toISOString(),
            to: session.envelope.rcptTo.map((r) => r.address),
            from: parsed.from?.text ?? '',
            subject: parsed.subject ?? '',
            messageId: parsed.messageId ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            listUnsubscribe: parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line.replace(/^[^:]*:\s*/, '') ?? null,
          });
          if (mails.length > MAX_MAILS) mails.splice(0, mails.length - MAX_MAILS);
          callback();
        })
        .catch(callback);
    },
  });
  const web = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://inbox');
    const send = (status, type, body) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      response.end(body);
    };
    if (url.pathname === '/mails') return send(200, 'application/json', JSON.stringify({ mails: [...mails].reverse() }));
    const one = /^\/mails\/(\d+)$/.exec(url.pathname);
    if (one) {
      const mail = mails.find((m) => m.n === Number(one[1]));
      if (!mail) return send(404, 'text/plain', 'no such mail');
      // The mail's own HTML, sandboxed: no scripts, no same-origin access.
      response.setHeader('content-security-policy', "sandbox; default-src 'none'; img-src https: data:; style-src 'unsafe-inline'");
      return send(200, 'text/html; charset=utf-8', mail.html || `<pre>${escape(mail.text)}</pre>`);
    }
    if (url.pathname !== '/') return send(404, 'text/plain', 'not found');
    const rows = [...mails].reverse().map((m) => `<tr><td>${escape(m.receivedAt)}</td><td>${escape(m.to.join(', '))}</td><td><a href="/mails/${m.n}">${escape(m.subject)}</a></td><td><code>${escape(m.messageId)}</code></td></tr>`).join('');
    send(200, 'text/html; charset=utf-8', `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Tenantry dev inbox</title><body style="font-family:sans-serif"><h1>Tenantry dev inbox</h1><p>${mails.length} mail(s), newest first (JSON: <a href="/mails">/mails</a>).</p><table border="1" cellpadding="4" style="border-collapse:collapse"><tr><th>received</th><th>to</th><th>subject</th><th>Message-ID</th></tr>${rows}</table>`);
  });
  await new Promise((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(smtpPort, host, resolve);
  });
  await new Promise((resolve, reject) => {
    web.once('error', reject);
    web.listen(httpPort, host, resolve);
  });
  return {
    smtpUrl: `smtp://${host}:${smtp.server.address().port}`,
    inboxUrl: `http://${host}:${web.address().port}`,
    mails,
    close: () => Promise.all([new Promise((r) => smtp.close(r)), new Promise((r) => web.close(r))]),
  };
}

module.exports = { startDevInbox };
