import HomewardCLI

CommandLineRunner.main()
