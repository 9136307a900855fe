from ketaprep.cli import main

main()
