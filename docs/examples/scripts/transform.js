// The `run file` of the examples in docs/language.md: a job body, like a script block.
return { count: inputs.ingest ? inputs.ingest.count * 2 : 0 };
