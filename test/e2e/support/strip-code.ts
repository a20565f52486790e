/**
 * Removes fenced code blocks and inline code spans from GitHub markdown,
 * leaving the text GitHub renders as markdown, where a mention notifies
 * and HTML renders. Follows CommonMark: a fence closes with a run of at
 * least its own length, a code span with a run of exactly its length.
 */
export function stripCode(markdown: string): string {
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split("\n")) {
    const run = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && run !== undefined) {
      fence = run;
      continue;
    }
    if (fence !== undefined) {
      const closing = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line)?.[1];
      if (
        closing !== undefined &&
        closing[0] === fence[0] &&
        closing.length >= fence.length
      ) {
        fence = undefined;
      }
      continue;
    }
    kept.push(stripCodeSpans(line));
  }
  return kept.join("\n");
}

function stripCodeSpans(line: string): string {
  let output = "";
  let index = 0;
  while (index < line.length) {
    if (line[index] !== "`" || line[index - 1] === "\\") {
      output += line[index];
      index++;
      continue;
    }
    let end = index;
    while (line[end] === "`") end++;
    const run = line.slice(index, end);
    const close = findRun(line, end, run.length);
    if (close === -1) {
      output += run;
      index = end;
    } else {
      index = close + run.length;
    }
  }
  return output;
}

function findRun(line: string, start: number, length: number): number {
  let index = start;
  while (index < line.length) {
    if (line[index] !== "`") {
      index++;
      continue;
    }
    let end = index;
    while (line[end] === "`") end++;
    if (end - index === length) return index;
    index = end;
  }
  return -1;
}
