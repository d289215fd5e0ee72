'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { findCommand } = require('../server-command');

const made = [];
test.after(() => made.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })));

function folder() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-cmd-'));
    made.push(dir);
    return dir;
}

function executable(dir, name, mode = 0o755) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, '#!/bin/sh\n', { mode });
    return file;
}

test('a bare command is found on the PATH, first folder first', () => {
    const first = folder(), second = folder();
    executable(second, 'orchestrator');
    const wanted = executable(first, 'orchestrator');
    assert.strictEqual(findCommand('orchestrator', { PATH: `${first}:${second}`, HOME: folder() }, 'linux'), wanted);
});

test('a command missing from the PATH is found in ~/.dotnet/tools, where dotnet tool install --global puts it', () => {
    const home = folder();
    fs.mkdirSync(path.join(home, '.dotnet', 'tools'), { recursive: true });
    const wanted = executable(path.join(home, '.dotnet', 'tools'), 'orchestrator');
    assert.strictEqual(findCommand('orchestrator', { PATH: folder(), HOME: home }, 'linux'), wanted);
});

test('a file that is not executable is not a command', () => {
    const dir = folder();
    executable(dir, 'orchestrator', 0o644);
    assert.strictEqual(findCommand('orchestrator', { PATH: dir, HOME: folder() }, 'linux'), null);
});

test('a path is taken as it is, relative to the workspace folder', () => {
    const workspace = folder();
    fs.mkdirSync(path.join(workspace, 'tools'));
    const wanted = executable(path.join(workspace, 'tools'), 'orchestrator');
    assert.strictEqual(findCommand('./tools/orchestrator', { PATH: '' }, 'linux', workspace), wanted);
    assert.strictEqual(findCommand(wanted, { PATH: '' }, 'linux'), wanted);
    assert.strictEqual(findCommand('./tools/missing', { PATH: '' }, 'linux', workspace), null);
});

test('on Windows the PATHEXT extensions are tried', () => {
    const dir = folder();
    const wanted = executable(dir, 'orchestrator.EXE');
    assert.strictEqual(findCommand('orchestrator', { Path: dir, PATHEXT: '.COM;.EXE', USERPROFILE: folder() }, 'win32'), wanted);
});

test('no command, or one found nowhere, is null', () => {
    assert.strictEqual(findCommand('', { PATH: folder() }, 'linux'), null);
    assert.strictEqual(findCommand('orchestrator', { PATH: folder(), HOME: folder() }, 'linux'), null);
});
