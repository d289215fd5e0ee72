// Shared by every job of nightly_etl (`use file`): evaluated before each job's own script.
function batches(rows, size) {
    const out = [];
    for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
    return out;
}
