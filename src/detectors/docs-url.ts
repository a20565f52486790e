/** Base of the detector documentation pages, published with the repository. */
export const DOCS_BASE_URL =
  "https://github.com/structra/structra/blob/main/docs/detectors";

export function getDocsUrl(detectorId: string): string {
  return `${DOCS_BASE_URL}/${detectorId}.md`;
}
