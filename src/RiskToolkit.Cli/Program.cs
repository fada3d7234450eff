using RiskToolkit.Cli;

return await RiskCommand.InvokeAsync(args, Console.Out, Console.Error);
