from quizdl.cli import main

main()
