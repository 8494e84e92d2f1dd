/**
 * Documents go over the API's REST routes (raw bodies, not GraphQL): upload with progress through
 * XMLHttpRequest (fetch reports no upload progress), download as a blob with the bearer token.
 */
import { csrfHeaders, type Session } from '../auth/session.ts';

export class DocumentRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface UploadInput {
  readonly caseId: string;
  readonly file: File;
  readonly title: string;
  readonly classification: string;
}

export async function uploadDocument(
  session: Session,
  input: UploadInput,
  onProgress: (percent: number) => void,
): Promise<void> {
  const token = await session.accessToken();
  const query = new URLSearchParams({
    title: input.title,
    fileName: input.file.name,
    classification: input.classification,
  });
  await new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/cases/${encodeURIComponent(input.caseId)}/documents?${query}`);
    xhr.setRequestHeader('Content-Type', input.file.type || 'application/octet-stream');
    for (const [name, value] of Object.entries(csrfHeaders)) xhr.setRequestHeader(name, value);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new DocumentRequestError('NETWORK', 'The server cannot be reached.'));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      const body = (() => {
        try {
          return JSON.parse(xhr.responseText) as { error?: { code?: string; message?: string; field?: string } };
        } catch {
          return {};
        }
      })();
      reject(
        new DocumentRequestError(
          body.error?.code ?? 'INTERNAL',
          body.error?.message ?? xhr.statusText,
          body.error?.field,
        ),
      );
    };
    xhr.send(input.file);
  });
}

export async function downloadDocument(session: Session, path: string, fileName: string): Promise<void> {
  const token = await session.accessToken();
  const response = await fetch(path, {
    headers: { ...csrfHeaders, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new DocumentRequestError(body.error?.code ?? 'INTERNAL', body.error?.message ?? response.statusText);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
