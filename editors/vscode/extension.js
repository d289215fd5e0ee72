'use strict';
// The client: starts `orchestrator lsp` (or the configured command) over stdio for .flow files, and restarts it on
// the command or when its settings change. Plain JavaScript, no build step.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');
const { findCommand } = require('./server-command');

const INSTALL_HINT =
    'Install the CLI as a .NET tool from the repository: `dotnet pack src/Symbol.Orchestrator.Cli -o ./artifacts` then ' +
    '`dotnet tool install --global --add-source ./artifacts Symbol.Orchestrator.Cli`, or set symbolOrchestrator.server.path ' +
    'to the full path of `orchestrator`.';

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.OutputChannel | undefined} */
let output;

async function activate(context) {
    output = vscode.window.createOutputChannel('Symbol Orchestrator');
    context.subscriptions.push(output);
    context.subscriptions.push(vscode.commands.registerCommand('symbolOrchestrator.restartServer', () => restart()));
    context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(event => {
        if (event.affectsConfiguration('symbolOrchestrator.server'))
            restart();
    }));
    await start();
}

async function deactivate() {
    await stop();
}

async function restart() {
    await stop();
    await start();
}

async function start() {
    const settings = vscode.workspace.getConfiguration('symbolOrchestrator');
    const configured = settings.get('server.path') || 'orchestrator';
    const args = settings.get('server.args') || ['lsp'];
    // Found before starting, so a missing tool is one clear message rather than the client's crash-and-retry notices.
    const command = findCommand(configured, process.env, process.platform, workspaceFolder());
    if (!command) {
        const message = `Symbol Orchestrator: the language server command '${configured}' was not found. ${INSTALL_HINT}`;
        output.appendLine(message);
        const choice = await vscode.window.showErrorMessage(message, 'Open Settings');
        if (choice === 'Open Settings')
            await vscode.commands.executeCommand('workbench.action.openSettings', 'symbolOrchestrator.server');
        return;
    }
    output.appendLine(`Starting ${command} ${args.join(' ')}`);
    const serverOptions = { command, args, options: { cwd: workspaceFolder() } };
    const clientOptions = {
        documentSelector: [{ language: 'flow' }],
        outputChannel: output,
        synchronize: {
            // The server recompiles the folder when a .flow file, a script or the settings change on disk.
            fileEvents: [
                vscode.workspace.createFileSystemWatcher('**/*.flow'),
                vscode.workspace.createFileSystemWatcher('**/*.js'),
                vscode.workspace.createFileSystemWatcher('**/orchestrator.json'),
            ],
        },
    };
    // The id makes `symbolOrchestrator.trace.server` the trace setting.
    client = new LanguageClient('symbolOrchestrator', 'Symbol Orchestrator Language Server', serverOptions, clientOptions);
    try {
        await client.start();
    } catch (error) {
        const message = `Symbol Orchestrator: the language server '${command} ${args.join(' ')}' did not start: ${error && error.message ? error.message : error}. ${INSTALL_HINT}`;
        output.appendLine(message);
        vscode.window.showErrorMessage(message);
        client = undefined;
    }
}

async function stop() {
    const running = client;
    client = undefined;
    if (running) {
        try {
            await running.stop();
        } catch (error) {
            output.appendLine(`Stopping the language server failed: ${error && error.message ? error.message : error}`);
        }
    }
}

function workspaceFolder() {
    const folders = vscode.workspace.workspaceFolders;
    return folders && folders.length > 0 ? folders[0].uri.fsPath : undefined;
}

module.exports = { activate, deactivate };
