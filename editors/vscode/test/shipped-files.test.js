'use strict';
// The grammar on whole files the repository ships as valid (the bundled workflows, the compiler's clean corpus files):
// every rule it opens closes by the end, and every job, handler and workflow is seen as one, so no construct swallows
// the rest of a file.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const textmate = require('vscode-textmate');
const { loadFlowGrammar } = require('./grammars/load-flow-grammar');

const root = path.join(__dirname, '..');
const repository = path.join(root, '..', '..');
const grammar = loadFlowGrammar();

function validFiles() {
    const workflows = path.join(repository, 'workflows');
    const corpus = path.join(repository, 'tests', 'Symbol.Orchestrator.Language.Tests', 'Corpus');
    const clean = fs.readdirSync(corpus)
        .filter(name => name.endsWith('.flow') && fs.readFileSync(path.join(corpus, name.replace(/\.flow$/, '.expected')), 'utf8').trim() === '')
        .map(name => path.join(corpus, name));
    return [...fs.readdirSync(workflows).filter(name => name.endsWith('.flow')).map(name => path.join(workflows, name)), ...clean];
}

test('there are shipped files to check', () => {
    assert.ok(validFiles().length >= 5, validFiles().join(', '));
});

for (const file of validFiles()) {
    test(`${path.relative(repository, file)}: every rule closes, every declaration is one`, async () => {
        const flow = await grammar;
        let state = textmate.INITIAL;
        const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
        lines.forEach((line, index) => {
            const outside = state.depth === 1;
            const { tokens, ruleStack } = flow.tokenizeLine(line, state);
            const declaration = /^\s*(workflow|job|on)\s+[A-Za-z_]\w*\s*\{/.exec(line);
            if (outside && declaration) {
                const first = tokens.find(t => line.slice(t.startIndex, t.endIndex) === declaration[1]);
                const scope = { workflow: 'keyword.other.workflow.flow', job: 'keyword.other.job.flow', on: 'keyword.other.handler.flow' }[declaration[1]];
                assert.ok(first && first.scopes.includes(scope), `${file}:${index + 1}: '${declaration[1]}' is not ${scope}: ${first && first.scopes.join(' ')}`);
            }
            state = ruleStack;
        });
        assert.strictEqual(state.depth, 1, `${file}: a rule is still open at the end`);
    });
}
