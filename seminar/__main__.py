from seminar.entry import main

main()
