global using FakeLs = LabelStudioMl.Bot.Testing.LabelStudio.FakeLabelStudio;
