from harbor.cli import main

main()
