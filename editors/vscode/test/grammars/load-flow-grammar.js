'use strict';
// The .flow grammar as VS Code loads it (vscode-textmate on the oniguruma engine), with the grammars it embeds for
// source.js and source.json given by path: the stand-ins beside this file unless others are named. Shared by the node
// tests and bench/tokenize.js.
const fs = require('fs');
const path = require('path');
const textmate = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

function loadFlowGrammar({ javascript, json } = {}) {
    const grammars = {
        'source.flow': path.join(__dirname, '..', '..', 'syntaxes', 'flow.tmLanguage.json'),
        'source.js': javascript || path.join(__dirname, 'javascript-stand-in.tmLanguage.json'),
        'source.json': json || path.join(__dirname, 'json-stand-in.tmLanguage.json'),
    };
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
    const registry = new textmate.Registry({
        onigLib: oniguruma.loadWASM(wasm).then(() => ({
            createOnigScanner: patterns => new oniguruma.OnigScanner(patterns),
            createOnigString: text => new oniguruma.OnigString(text),
        })),
        loadGrammar: async scope => grammars[scope] ? textmate.parseRawGrammar(fs.readFileSync(grammars[scope], 'utf8'), grammars[scope]) : null,
    });
    return registry.loadGrammar('source.flow');
}

module.exports = { loadFlowGrammar };
