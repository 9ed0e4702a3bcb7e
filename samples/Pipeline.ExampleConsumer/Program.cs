using Pipeline.ExampleConsumer;

await ExampleConsumerApp.Create(args).RunAsync();
