if (!inputs.validate) throw new Error("validation did not pass");
log(`loading ${inputs.transform.batches} batches, total ${inputs.transform.total}`);
return inputs.transform.total;
