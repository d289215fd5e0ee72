const parts = batches(inputs.extract.rows, params.batch);
return { batches: parts.length, total: inputs.extract.rows.reduce((sum, r) => sum + r.amount, 0) };
