from seminar.cli import main

main()
