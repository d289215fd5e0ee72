'use strict';
// The client outside VS Code: `vscode` and the language client are replaced by recording fakes, so these tests show
// what the extension asks of them (the command it starts, the documents and files it passes on, the messages).
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');

const root = path.join(__dirname, '..');
const made = [];
test.after(() => made.forEach(folder => fs.rmSync(folder, { recursive: true, force: true })));

function fakes({ serverPath = 'orchestrator', serverArgs = ['lsp'], startFails = null } = {}) {
    const record = { clients: [], errors: [], commands: {}, watchers: [], executed: [] };
    const vscode = {
        window: {
            createOutputChannel: () => ({ appendLine: () => {}, dispose: () => {} }),
            showErrorMessage: async (message, ...items) => { record.errors.push({ message, items }); return undefined; },
        },
        commands: {
            registerCommand: (id, handler) => { record.commands[id] = handler; return { dispose: () => {} }; },
            executeCommand: async (...args) => { record.executed.push(args); },
        },
        workspace: {
            workspaceFolders: undefined,
            getConfiguration: section => ({
                get: key => ({ 'server.path': serverPath, 'server.args': serverArgs })[key],
                section,
            }),
            onDidChangeConfiguration: () => ({ dispose: () => {} }),
            createFileSystemWatcher: glob => { record.watchers.push(glob); return { glob, dispose: () => {} }; },
        },
    };
    class LanguageClient {
        constructor(id, name, serverOptions, clientOptions) {
            Object.assign(this, { id, name, serverOptions, clientOptions, started: false, stopped: false });
            record.clients.push(this);
        }
        async start() {
            if (startFails)
                throw new Error(startFails);
            this.started = true;
        }
        async stop() { this.stopped = true; }
    }
    return { record, vscode, languageClient: { LanguageClient } };
}

/** Loads extension.js afresh with `vscode` and `vscode-languageclient/node` replaced by the fakes. */
function loadExtension(fake) {
    const load = Module._load;
    Module._load = function (request, parent, isMain) {
        if (request === 'vscode')
            return fake.vscode;
        if (request === 'vscode-languageclient/node')
            return fake.languageClient;
        return load.call(this, request, parent, isMain);
    };
    try {
        delete require.cache[require.resolve('../extension.js')];
        return require('../extension.js');
    } finally {
        Module._load = load;
    }
}

/** A folder with an executable `orchestrator` in it, as the .NET tool install leaves one. */
function folderWithServer(name = 'orchestrator') {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-ext-'));
    made.push(folder);
    const file = path.join(folder, name);
    fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
    return { folder, file };
}

test('the language client and everything it requires load, with any vscode API standing in', () => {
    // Every name of the stand-in is a class, enough for the client's module graph to load outside VS Code; a
    // dependency missing from package.json or node_modules fails here.
    const anyApi = new Proxy({}, { get: (_, name) => (name === '__esModule' ? true : class {}) });
    const load = Module._load;
    Module._load = function (request, parent, isMain) {
        return request === 'vscode' ? anyApi : load.call(this, request, parent, isMain);
    };
    try {
        const { LanguageClient } = require('vscode-languageclient/node');
        assert.strictEqual(typeof LanguageClient, 'function');
    } finally {
        Module._load = load;
    }
});

test('activate starts the configured command with its arguments for flow documents, watching flow, js and orchestrator.json', async () => {
    const { file } = folderWithServer();
    const fake = fakes({ serverPath: file, serverArgs: ['lsp', '--verbose'] });
    await loadExtension(fake).activate({ subscriptions: [] });

    assert.strictEqual(fake.record.errors.length, 0, JSON.stringify(fake.record.errors));
    assert.strictEqual(fake.record.clients.length, 1);
    const client = fake.record.clients[0];
    assert.strictEqual(client.id, 'symbolOrchestrator', 'the id names the trace setting symbolOrchestrator.trace.server');
    assert.strictEqual(client.serverOptions.command, file);
    assert.deepStrictEqual(client.serverOptions.args, ['lsp', '--verbose']);
    assert.strictEqual(client.serverOptions.transport, undefined, 'stdio without a --stdio argument');
    assert.deepStrictEqual(client.clientOptions.documentSelector, [{ language: 'flow' }]);
    assert.deepStrictEqual(fake.record.watchers, ['**/*.flow', '**/*.js', '**/orchestrator.json']);
    assert.ok(client.started);
});

test('a command that is not installed gives one message saying how to install the CLI, and starts nothing', async () => {
    const fake = fakes({ serverPath: 'orchestrator-that-is-not-installed' });
    await loadExtension(fake).activate({ subscriptions: [] });

    assert.strictEqual(fake.record.clients.length, 0);
    assert.strictEqual(fake.record.errors.length, 1);
    const { message, items } = fake.record.errors[0];
    assert.match(message, /'orchestrator-that-is-not-installed' was not found/);
    assert.match(message, /dotnet tool install --global --add-source \.\/artifacts Symbol\.Orchestrator\.Cli/);
    assert.match(message, /symbolOrchestrator\.server\.path/);
    assert.deepStrictEqual(items, ['Open Settings']);
});

test('a server that fails to start is reported with the reason', async () => {
    const { file } = folderWithServer();
    const fake = fakes({ serverPath: file, startFails: 'spawn EACCES' });
    await loadExtension(fake).activate({ subscriptions: [] });

    assert.strictEqual(fake.record.errors.length, 1);
    assert.match(fake.record.errors[0].message, /did not start: spawn EACCES/);
});

test('the restart command stops the running server and starts a new one', async () => {
    const { file } = folderWithServer();
    const fake = fakes({ serverPath: file });
    await loadExtension(fake).activate({ subscriptions: [] });
    const restart = fake.record.commands['symbolOrchestrator.restartServer'];
    assert.ok(restart, 'the command package.json contributes is registered');

    await restart();

    assert.strictEqual(fake.record.clients.length, 2);
    assert.ok(fake.record.clients[0].stopped);
    assert.ok(fake.record.clients[1].started);
});

test('every command package.json contributes is registered by activate', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const { file } = folderWithServer();
    const fake = fakes({ serverPath: file });
    await loadExtension(fake).activate({ subscriptions: [] });
    for (const { command } of manifest.contributes.commands)
        assert.ok(fake.record.commands[command], command);
});
