import { listen } from './http';

describe('listen().close(drainTimeoutMs): draining', () => {
  it('lets a request in flight finish, refuses new connections, and closes idle keep-alive ones', async () => {
    const listening = await listen(
      (req, res) => {
        const delay = req.url === '/slow' ? 300 : 0;
        setTimeout(() => res.end('done'), delay);
      },
      0,
      '127.0.0.1',
    );
    // A keep-alive connection left idle must not hold the stop.
    await (await fetch(`${listening.url}/fast`)).text();
    const inFlight = fetch(`${listening.url}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = listening.close(5_000);
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('done');
    await closed;
    await expect(fetch(`${listening.url}/fast`)).rejects.toThrow();
  });

  it('cuts what is still running when the drain timeout passes', async () => {
    const listening = await listen(() => undefined, 0, '127.0.0.1');
    const hung = fetch(`${listening.url}/never`);
    hung.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await listening.close(100);
    await expect(hung).rejects.toThrow();
  });
});
