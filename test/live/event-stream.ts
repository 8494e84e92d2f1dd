/** A minimal server-sent-events client for GraphQL subscriptions over yoga's SSE transport. */

export interface StreamResult {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface EventStream {
  /** The next `next` event, or `{ done: true }` once the server completed the stream. */
  next(): Promise<StreamResult & { done?: true }>;
  close(): void;
}

export async function openEventStream(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  if (!response.body) throw new Error(`no event stream (HTTP ${response.status})`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const next = async (): Promise<StreamResult & { done?: true }> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (\w+)$/m.exec(block)?.[1];
        const data = /^data: ?(.*)$/m.exec(block)?.[1];
        if (event === 'complete') return { done: true };
        if (event === 'next' && data) return JSON.parse(data) as StreamResult;
        continue; // a ping (':') or an unknown event
      }
      const chunk = await reader.read();
      if (chunk.done) return { done: true };
      buffer += chunk.value;
    }
  };
  return { next, close: () => abort.abort() };
}
