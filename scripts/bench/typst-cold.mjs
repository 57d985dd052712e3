// One Typst compilation in a fresh process (bench reference only), the counterpart of one
// `jianbao build` process: load the native compiler, load the fonts, compile, write the PDF.
//   node scripts/bench/typst-cold.mjs <compiler module path> <source.typ> <out.pdf> <font dir>...
import { readFileSync, writeFileSync } from 'node:fs';

const [modulePath, source, out, ...fontPaths] = process.argv.slice(2);
const { NodeCompiler } = await import(modulePath);
const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths }] });
writeFileSync(out, compiler.pdf({ mainFileContent: readFileSync(source, 'utf8') }));
