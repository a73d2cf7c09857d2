// Dapper.AOT writes every query's parameter and row code at build time, so the store needs no IL emitted at run time
// (the bot ships as a Native AOT binary).
[module: Dapper.DapperAot]
