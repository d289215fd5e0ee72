'use strict';
// What VS Code reads from the extension's files before any code runs: the manifest's paths and settings, the
// language configuration's patterns.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const read = file => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const manifest = read('package.json');

test('every file the manifest names is in the extension', () => {
    const files = [
        manifest.main,
        ...manifest.contributes.languages.map(l => l.configuration),
        ...manifest.contributes.grammars.map(g => g.path),
        ...manifest.contributes.jsonValidation.map(v => v.url),
    ];
    for (const file of files)
        assert.ok(fs.existsSync(path.join(root, file)), `${file} is missing`);
});

test('the grammar is source.flow for the flow language of *.flow files', () => {
    const [language] = manifest.contributes.languages;
    const [grammar] = manifest.contributes.grammars;
    assert.strictEqual(language.id, 'flow');
    assert.deepStrictEqual(language.extensions, ['.flow']);
    assert.strictEqual(grammar.language, 'flow');
    assert.strictEqual(grammar.scopeName, 'source.flow');
    assert.strictEqual(read(grammar.path).scopeName, 'source.flow');
    assert.strictEqual(grammar.embeddedLanguages['meta.embedded.block.javascript'], 'javascript');
    assert.ok(manifest.activationEvents.includes('onLanguage:flow'));
});

test('the settings start `orchestrator lsp` unless changed', () => {
    const settings = manifest.contributes.configuration.properties;
    assert.strictEqual(settings['symbolOrchestrator.server.path'].default, 'orchestrator');
    assert.deepStrictEqual(settings['symbolOrchestrator.server.args'].default, ['lsp']);
    assert.deepStrictEqual(settings['symbolOrchestrator.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('orchestrator.json files are checked against the schema', () => {
    const [validation] = manifest.contributes.jsonValidation;
    assert.strictEqual(validation.fileMatch, 'orchestrator.json');
    assert.strictEqual(read(validation.url).title, 'orchestrator.json');
});

test('a double click selects a whole name or duration', () => {
    const { wordPattern } = read('language-configuration.json');
    const words = text => text.match(new RegExp(wordPattern, 'g'));
    assert.deepStrictEqual(words('retries 2 backoff 1h30m exponential'), ['retries', '2', 'backoff', '1h30m', 'exponential']);
    assert.deepStrictEqual(words('nightly_etl -> load_2'), ['nightly_etl', 'load_2']);
    assert.deepStrictEqual(words('timeout 250ms'), ['timeout', '250ms']);
});

test('# comments lines, and a line ending in { or ``` indents the next', () => {
    const config = read('language-configuration.json');
    assert.strictEqual(config.comments.lineComment, '#');
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    assert.ok(increase.test('workflow etl {'));
    assert.ok(increase.test('    run ```'));
    assert.ok(!increase.test('    job a { run ``` return 1; ``` }'));
    assert.ok(!increase.test('# a comment {'));
    assert.ok(decrease.test('    }'));
    assert.ok(decrease.test('        ```'));
});
