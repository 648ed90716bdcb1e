// The `npm start` / `npm run <script>` commands the manual prints, as script name and arguments, and the node entry each script runs.

/** One printed command: where it is, the script it names, and the arguments it passes (after `--`). */
export interface DocCommand {
  readonly where: string;
  readonly text: string;
  /** `start`, `test` or the name after `npm run`. */
  readonly script: string;
  readonly args: readonly string[];
}

/**
 * Lines a reader copies: those of fenced blocks (```), of 4-space indented blocks, and inline code spans that are a
 * whole concrete command (no `<placeholder>`, `[optional]`, `a|b` or `...`; the blocks may use those, see below).
 * Commands under a heading saying "not yet" are left out: they name what is to come.
 */
function commandLines(text: string): { line: number; text: string; inline: boolean }[] {
  const found: { line: number; text: string; inline: boolean }[] = [];
  let fenced = false;
  let notYet = false;
  // A line ending in `\` goes on with the next one, as in the shell.
  const lines = text.replace(/\\\n\s*/g, ' \uE000').split('\n');
  let line = 0;
  lines.forEach((joined) => {
    line += 1;
    const raw = joined.replace(/\uE000/g, '');
    const at = line;
    line += joined.split('\uE000').length - 1;
    if (/^\s*```/.test(raw)) {
      fenced = !fenced;
      return;
    }
    if (raw.startsWith('#') && !fenced) notYet = /not yet/i.test(raw);
    if (notYet) return; // a chapter's "Not yet here" names commands to come
    if (fenced || /^ {4}\S/.test(raw)) {
      found.push({ line: at, text: raw.trim(), inline: false });
      return;
    }
    for (const span of raw.matchAll(/`(npm (?:run|start)[^`]*)`/g)) {
      const command = span[1] ?? '';
      if (!/[<>[\]|]|\.\.\.|…/.test(command) && !/(^| )[A-Z]{1,3}( |$)/.test(command))
        found.push({ line: at, text: command, inline: true });
    }
  });
  return found;
}

/** Shell words of one command (quotes removed, `$(...)` kept as one word); enough for the manual's commands. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | undefined;
  let depth = 0;
  let started = false;
  for (const ch of text) {
    if (quote !== undefined) {
      if (ch === quote && depth === 0) quote = undefined;
      else {
        if (ch === '(' && current.endsWith('$')) depth += 1;
        else if (ch === ')' && depth > 0) depth -= 1;
        current += ch;
      }
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) words.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (started) words.push(current);
  return words;
}

/**
 * A printed placeholder made concrete: `[--json]` is given, `a|b` takes `a`, `<tag>` becomes `tag`. Only used on block
 * lines, where the manual shows a command's shape; a value the tool would refuse still fails the check.
 */
function concrete(word: string): string[] {
  const bare = word.replace(/^\[+/, '').replace(/\]+$/, '');
  if (bare === '' || bare === '...') return [];
  const first = bare.includes('|') && !bare.startsWith('|') ? (bare.split('|')[0] ?? bare) : bare;
  return [first.replace(/^<(.+)>$/, '$1')];
}

/** Every `npm start ...`, `npm test` and `npm run <script> ...` in the text's code, with its arguments after `--`. */
export function docCommands(file: string, text: string): DocCommand[] {
  const commands: DocCommand[] = [];
  for (const { line, text: content, inline } of commandLines(text)) {
    const withoutComment = content.replace(/\s+#.*$/, '');
    for (const segment of withoutComment.split(/&&|\|\||[|;]/)) {
      const words = shellWords(segment.trim());
      while (words.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) words.shift();
      if (words[0] !== 'npm') continue;
      let script: string;
      let rest: string[];
      if (words[1] === 'run' && words[2] !== undefined) {
        script = words[2];
        rest = words.slice(3);
      } else if (words[1] === 'start' || words[1] === 'test') {
        script = words[1];
        rest = words.slice(2);
      } else continue;
      if (rest[0] === '--') rest = rest.slice(1);
      const args = inline ? rest : rest.flatMap(concrete);
      commands.push({ where: `${file}:${line}`, text: segment.trim(), script, args });
    }
  }
  return commands;
}

/** The node entry a package.json script runs last (`... && node dist/scripts/x.js`), or undefined (mocha, cdk, prettier...). */
export function nodeEntry(scriptLine: string): string | undefined {
  const last = scriptLine.split('&&').at(-1)?.trim() ?? '';
  const match = /^node (\S+\.(?:js|mjs))$/.exec(last);
  return match?.[1];
}
