/** A file picked in the browser, as the JSON the API takes (base64 content). */
export interface Upload {
  fileName: string;
  contentType: string;
  dataBase64: string;
}

export async function fileToUpload(file: File): Promise<Upload> {
  const buf = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
  return { fileName: file.name, contentType: file.type || 'application/octet-stream', dataBase64: btoa(bin) };
}
