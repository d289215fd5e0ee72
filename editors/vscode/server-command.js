'use strict';
// Finds the language server's executable as a shell would, without VS Code, so it can be tested with plain node.
const fs = require('fs');
const os = require('os');
const path = require('path');

/**
 * The full path of `command`: itself when it names a file (relative to `cwd`), else the first match on the PATH
 * (with PATHEXT on Windows), else `~/.dotnet/tools`, where `dotnet tool install --global` puts the CLI and which an
 * editor started from a desktop launcher often lacks on its PATH. Null when none is an executable file.
 */
function findCommand(command, env, platform, cwd) {
    if (!command)
        return null;
    const windows = platform === 'win32';
    const extensions = windows ? ['', ...(env.PATHEXT || '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean)] : [''];
    const named = candidate => extensions.map(ext => candidate + ext).find(file => isExecutable(file, windows)) || null;
    if (command.includes('/') || (windows && command.includes('\\')))
        return named(path.resolve(cwd || process.cwd(), command));
    const pathVariable = env.PATH || env.Path || '';
    const folders = pathVariable.split(windows ? ';' : ':').filter(Boolean);
    folders.push(path.join(env.HOME || env.USERPROFILE || os.homedir(), '.dotnet', 'tools'));
    for (const folder of folders) {
        const found = named(path.join(folder, command));
        if (found)
            return found;
    }
    return null;
}

function isExecutable(file, windows) {
    try {
        const stat = fs.statSync(file);
        return stat.isFile() && (windows || (stat.mode & 0o111) !== 0);
    } catch {
        return false;
    }
}

module.exports = { findCommand };
