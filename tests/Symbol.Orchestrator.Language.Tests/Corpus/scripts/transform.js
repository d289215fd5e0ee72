// Doubles the ingested count; a run file script is a function body too.
const count = inputs.ingest.count;
return { count: count * 2 };
