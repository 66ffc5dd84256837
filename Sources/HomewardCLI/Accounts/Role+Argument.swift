import ArgumentParser
import HomewardCore

extension Role: ExpressibleByArgument {}
