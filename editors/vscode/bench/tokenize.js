'use strict';
// How long the grammar takes to tokenize a .flow file line by line, as VS Code does when a file opens:
//   node bench/tokenize.js FILE.flow [JAVASCRIPT_GRAMMAR.json] [JSON_GRAMMAR.json]
// Prints the median of 11 runs (after 3 to warm up). Without grammars for source.js and source.json the tests'
// stand-ins are used; VS Code's own are larger and slower.
const fs = require('fs');
const textmate = require('vscode-textmate');
const { loadFlowGrammar } = require('../test/grammars/load-flow-grammar');

const [file, javascript, json] = process.argv.slice(2);
if (!file) {
    console.error('usage: node bench/tokenize.js FILE.flow [JAVASCRIPT_GRAMMAR.json] [JSON_GRAMMAR.json]');
    process.exit(2);
}
loadFlowGrammar({ javascript, json }).then(grammar => {
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
