'use strict';
// How long the grammar takes to tokenize a .flow file line by line, as VS Code does when a file opens:
//   node bench/tokenize.js FILE.flow [JAVASCRIPT_GRAMMAR.json] [JSON_GRAMMAR.json]
// Prints the median of 11 runs (after 3 to warm up). Without grammars for source.js and source.json the tests'
// stand-ins are used; VS Code's own are larger and slower.
const fs = require('fs');
const path = require('path');
const textmate = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const [file, javascript, json] = process.argv.slice(2);
if (!file) {
    console.error('usage: node bench/tokenize.js FILE.flow [JAVASCRIPT_GRAMMAR.json] [JSON_GRAMMAR.json]');
    process.exit(2);
}
const root = path.join(__dirname, '..');
const grammars = {
    'source.flow': path.join(root, 'syntaxes', 'flow.tmLanguage.json'),
    'source.js': javascript || path.join(root, 'test', 'grammars', 'javascript-stand-in.tmLanguage.json'),
    'source.json': json || path.join(root, 'test', 'grammars', 'json-stand-in.tmLanguage.json'),
};
const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
const registry = new textmate.Registry({
    onigLib: oniguruma.loadWASM(wasm).then(() => ({
        createOnigScanner: patterns => new oniguruma.OnigScanner(patterns),
        createOnigString: text => new oniguruma.OnigString(text),
    })),
    loadGrammar: async scope => grammars[scope] ? textmate.parseRawGrammar(fs.readFileSync(grammars[scope], 'utf8'), grammars[scope]) : null,
});

registry.loadGrammar('source.flow').then(grammar => {
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    const once = () => {
        const start = process.hrtime.bigint();
        let state = textmate.INITIAL;
        for (const line of lines)
            state = grammar.tokenizeLine(line, state).ruleStack;
        return Number(process.hrtime.bigint() - start) / 1e6;
    };
    for (let i = 0; i < 3; i++)
        once();
    const runs = Array.from({ length: 11 }, once).sort((a, b) => a - b);
    const median = runs[5];
    console.log(`${lines.length} lines: median ${median.toFixed(1)} ms (min ${runs[0].toFixed(1)}, max ${runs[10].toFixed(1)}), ${Math.round(lines.length / median * 1000)} lines/s`);
});
