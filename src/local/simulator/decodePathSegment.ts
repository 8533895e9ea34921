/** Decodes one percent-encoded path segment; a malformed escape is returned as written. */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // Kept as written, the segment still contains "%" and so matches no route or name.
    return segment;
  }
}
