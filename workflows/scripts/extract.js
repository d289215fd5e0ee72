// A job's script is a function body: `return` gives the job's output.
const rows = [];
for (let id = 1; id <= 1200; id++) rows.push({ id, amount: (id % 7) * 10 });
log(`extracted ${rows.length} rows from ${params.source}`);
return { rows };
