/**
 * English prose in text a clerk reads in zh-CN mode: three or more ASCII words in a row
 * ("expected a number", "no such file"). Quoted values (what a clerk typed, shown as
 * "…"), paths, options, ids and product names are not prose and are left out first.
 */
const NOT_PROSE: RegExp[] = [
  /"(?:[^"\\\n]|\\.)*"/g, // a found value as typed, JSON-quoted
  /`[^`\n]*`/g,
  /(?:[A-Za-z]:)?(?:[\w.{}$-]+[\\/])+[\w.{}*$-]*/g, // paths: data/x/y.yaml, C:\a\b, {data}/…
  /--?[a-z][\w-]*/g, // options: --lang, -h
  /\b\w+=/g, // key=value fields of a machine-readable line
  /\b[\w-]+\.(?:ya?ml|xlsx?|xlsb|docx|pptx|pdf|md|json|hbs|ttf|ttc|otf|txt|ods|html)\b/gi, // file names
  /\b(?:npx|npm|make|jianbao|node|Excel|WPS|PowerPoint|Word|LibreOffice|Microsoft Office|OpenDocument|PDF|YAML|JSON|UTF-8|UTF-16|GBK|ANSI|ZIP64|CRC-32|MiB|MB|KB|Ctrl-C|Noto \w+ \w+|GB\/T \d+)\b/g,
];

/** The English phrases (`minWords` ASCII words in a row) left in `text` once quoted values, paths and names are taken out. */
export function englishPhrases(text: string, minWords = 3): string[] {
  let t = text;
  for (const re of NOT_PROSE) t = t.replace(re, ' ');
  const phrase = new RegExp(`[A-Za-z][A-Za-z']*(?:[ ,;:()]+[A-Za-z][A-Za-z']*){${minWords - 1},}`, 'g');
  return [...t.matchAll(phrase)].map((m) => m[0]);
}
