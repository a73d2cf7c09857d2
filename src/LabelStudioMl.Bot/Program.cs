using LabelStudioMl.Bot.Hosting;

return await BotProgram.RunAsync(args, Console.Out, Console.Error);
