// The bench's side-by-side bot: the least a discord.js 14 bot does for `/ml list`. It logs in to the gateway that
// GET /gateway/bot names, and for each `/ml list` interaction defers, reads Label Studio's backends of the project
// with the same request as the bench's direct baseline, and edits @original with one line. Client and REST options
// are discord.js's defaults except the REST base; no intents (interactions need none).
// Settings come from the environment: DISCORD_TOKEN, DISCORD_API (http://127.0.0.1:<port>/api), LS_URL, LS_TOKEN.
'use strict';

const { Client, Events } = require('discord.js');

const { DISCORD_TOKEN, DISCORD_API, LS_URL, LS_TOKEN } = process.env;
const headers = { Authorization: `Token ${LS_TOKEN}`, Accept: 'application/json', 'User-Agent': 'LabelStudioMl.Bot/0.1.0' };

const client = new Client({ intents: [], rest: { api: DISCORD_API } });

client.once(Events.ClientReady, () => console.log('ready'));

client.on(Events.InteractionCreate, async interaction => {
  if (!interaction.isChatInputCommand() || interaction.commandName !== 'ml' || interaction.options.getSubcommand() !== 'list') return;
  try {
    await interaction.deferReply();
    const project = interaction.options.getInteger('project');
    const response = await fetch(new URL(`/api/ml/?project=${project}`, LS_URL), { headers });
    if (!response.ok) throw new Error(`Label Studio answered ${response.status}`);
    const backends = await response.json();
    await interaction.editReply(`${backends.length} backend(s) in project ${project}`);
  } catch (error) {
    console.error(`interaction ${interaction.id}: ${error.message}`);
  }
});

client.on(Events.Error, error => console.error(`client: ${error.message}`));

client.login(DISCORD_TOKEN);
