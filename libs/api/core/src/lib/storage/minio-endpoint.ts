export interface MinioEndpoint {
  endPoint: string;
  port: number;
  useSSL: boolean;
}

/**
 * Splits `http(s)://host[:port]` into what the MinIO client wants. Messages never echo the URL, since
 * a mistaken URL may carry credentials.
 */
export function parseMinioUrl(url: string): MinioEndpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('Object storage URL is not a valid URL (expected http(s)://host[:port])');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`Object storage URL must use http or https, not ${parsed.protocol.replace(/:$/, '')}`);
  }
  if (parsed.username || parsed.password) {
    throw new Error('Object storage URL must not contain credentials; set the access and secret keys instead');
  }
  if (parsed.pathname !== '/' || parsed.search || parsed.hash) {
    // The client addresses buckets from the server root; a path would be silently dropped.
    throw new Error('Object storage URL must not have a path, query or fragment');
  }
  const useSSL = parsed.protocol === 'https:';
  return {
    // URL keeps IPv6 literals bracketed; the client wants the bare address.
    endPoint: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : useSSL ? 443 : 80,
    useSSL,
  };
}
