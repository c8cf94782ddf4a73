/**
 * RFC 9112 §9.6 lingering close, for an answer sent before the whole request body was read (an
 * upload over its limit). Node closes such a connection as soon as the answer is written; the
 * client's next bytes then meet a closed socket, the kernel answers them with a reset, and a reset
 * can discard the answer before the client has read it: the client sees EPIPE or ECONNRESET
 * instead of the 413. Here the answer still goes out with `Connection: close` and a FIN after it,
 * but the rest of the body is read and dropped until the client stops sending (or closes), for at
 * most `lingerMs`; only then is the socket destroyed.
 */
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';

type ClosingSocket = Socket & { destroySoon?: () => void };

export function lingerBeforeClose(request: IncomingMessage, lingerMs: number): void {
  const socket = request.socket as ClosingSocket;
  if (typeof socket.destroySoon !== 'function') return;
  // Node's HTTP server calls destroySoon once a `Connection: close` answer is written.
  socket.destroySoon = () => {
    socket.end();
    request.resume();
    socket.resume();
    const timer = setTimeout(() => socket.destroy(), lingerMs);
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
    };
    socket.once('end', done);
    socket.once('error', done);
    socket.once('close', () => clearTimeout(timer));
  };
}
