'use strict';
// Reads the README's "Use it in your project" section into the project it describes, so that the
// consumer test builds exactly what the README tells users to build (one source, no copy to drift).

const SECTION = '## Use it in your project';
/** The README's stand-in for the packed library; the consumer test puts the real tarball's path there. */
const TARBALL_PLACEHOLDER = 'path/to/cdk8s-netpol-0.0.0.tgz';

/**
 * @param {string} readme the README's text
 * @returns {{ setupCommands: string[], files: Record<string, string>, runCommands: string[] }}
 *   setupCommands: the first ```sh block (create the project, install), runCommands: the last one
 *   (synth and the CLI), files: each block whose paragraph starts with `name`, by name.
 */
function readConsumerProject(readme) {
  const start = readme.indexOf(`\n${SECTION}\n`);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section`);
  const rest = readme.slice(start + SECTION.length + 2);
  const next = rest.search(/^## /m);
  const section = next < 0 ? rest : rest.slice(0, next);

  const shellBlocks = [];
  const files = {};
  const fence = /```(\w+)\n([\s\S]*?)```/g;
  let match;
  while ((match = fence.exec(section)) !== null) {
    const [, language, body] = match;
    if (language === 'sh') {
      shellBlocks.push(body.split('\n').map((line) => line.trim()).filter((line) => line !== ''));
      continue;
    }
    // A file's block follows a paragraph that starts with its name in backticks: "`main.ts`, a shop...:".
    const paragraphs = section.slice(0, match.index).trimEnd().split(/\n\s*\n/);
    const paragraph = paragraphs[paragraphs.length - 1];
    const name = /^`([\w.-]+)`/.exec(paragraph);
    if (!name || !paragraph.endsWith(':')) {
      throw new Error(`README.md "${SECTION}": the ${language} block at "${body.slice(0, 40)}" has no paragraph naming its file (\`name\` ...:)`);
    }
    if (files[name[1]] !== undefined) throw new Error(`README.md "${SECTION}": two blocks for ${name[1]}`);
    files[name[1]] = body;
  }
  if (shellBlocks.length < 2) {
    throw new Error(`README.md "${SECTION}": expected a sh block that creates the project and one that runs it, found ${shellBlocks.length}`);
  }
  return { setupCommands: shellBlocks[0], files, runCommands: shellBlocks[shellBlocks.length - 1] };
}

module.exports = { readConsumerProject, TARBALL_PLACEHOLDER, SECTION };
