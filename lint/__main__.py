from lint.cli.quick import main

main()
