import { ConnectorFile } from './connectors-data.service';

/** Reads a picked file in the browser and encodes it as the upload DTO expects (`{fileName, contentBase64}`). */
export async function readCredentialFile(file: File): Promise<ConnectorFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + chunk));
  }
  return { fileName: file.name, contentBase64: btoa(binary) };
}
