using RiskToolkit.Cli;

return await RiskCommand.Create().Parse(args).InvokeAsync();
